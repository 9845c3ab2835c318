from zentrik_server.cli import main

raise SystemExit(main())
