"""`drafter cache clear`, `drafter logs`, `drafter logs show ID`: the response cache and the run log."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from drafter.cli import state
from drafter.cli.app import App

cache_app = App(help="The model response cache ($DRAFTER_HOME/cache.db).", no_args_is_help=True)
logs_app = App(help="The run log ($DRAFTER_HOME/logs.db).", invoke_without_command=True)


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached model reply."""
    from drafter.store import ResponseCache

    cache = ResponseCache()
    count = cache.clear()
    state.stderr().print(f"cleared {count} cached replies from {cache.path}", markup=False, soft_wrap=True)


@logs_app.callback()
def logs(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("-n", "--limit", metavar="N", help="How many runs to list.")] = 20,
) -> None:
    """List recent runs (newest first)."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.store import RunLog

    runs = RunLog().recent_runs(limit)
    if not runs:
        state.stderr().print("no runs logged yet", markup=False)
        return
    out = state.stdout()
    out.out(
        "   id  started (UTC)        command        status       requests  cached  tokens in/out"
        "  model  title",
        highlight=False,
    )
    for run in runs:
        tokens = f"{run['input_tokens'] or 0}/{run['output_tokens'] or 0}"
        out.out(
            f"{run['id']:>5}  {run['started'][:19].replace('T', ' ')}  {run['command']:<13}  "
            f"{run['status']:<11}  {run['requests']:>8}  {run['cached'] or 0:>6}  {tokens:>13}  "
            f"{run['model'] or '-'}  {run['title'] or ''}",
            highlight=False,
        )


@logs_app.command("show")
def logs_show(
    run_id: Annotated[int, typer.Argument(metavar="RUN", help="Run id (see drafter logs).")],
) -> None:
    """Print one run: each request's messages, reply, tokens, latency and check result."""
    from drafter.store import RunLog

    run, calls = RunLog().run(run_id)
    out = state.stdout()
    out.out(
        f"run {run['id']}  {run['command']}  {run['status']}  started {run['started']}  "
        f"finished {run['finished'] or '-'}",
        highlight=False,
    )
    out.out(
        f"title: {run['title']}\nbackend: {run['backend']}  model: {run['model']}  "
        f"base URL: {run['base_url'] or '-'}\nprompts: {run['prompts']}",
        highlight=False,
    )
    for call in calls:
        out.out(_call_text(call), highlight=False)


def _call_text(call: dict[str, Any]) -> str:
    from drafter.prompts import format_messages

    head = (
        f"\n===== {call['section']} · {call['purpose']} (round {call['round']}) · {call['prompt_version']}"
        f" · {call['input_tokens'] or 0}/{call['output_tokens'] or 0} tokens · {call['latency']:.2f} s"
        f"{' · cached' if call['cached'] else ''} ====="
    )
    reply = (
        f"----- reply -----\n{call['response']}"
        if call["response"] is not None
        else f"----- error -----\n{call['error']}"
    )
    checked = f"\n----- check -----\n{call['check_result']}" if call["check_result"] else ""
    return f"{head}\n{format_messages(call['messages'])}{reply}{checked}"


def register(app: typer.Typer) -> None:
    """Add ``cache`` and ``logs`` to ``app``."""
    app.add_typer(cache_app, name="cache")
    app.add_typer(logs_app, name="logs")
