Passport.Server.PassportServer.Build(args).Run();
