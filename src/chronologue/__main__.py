from chronologue.cli import main

main()
