return await Passport.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
