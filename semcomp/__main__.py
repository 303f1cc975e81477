from semcomp.cli import main

main()
