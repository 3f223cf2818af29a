import WalkshedCLI
WalkshedCLI.main()
