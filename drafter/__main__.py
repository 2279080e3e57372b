from drafter.cli.entry import main

main()
