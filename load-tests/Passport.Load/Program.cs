using Passport.Load.Cli;

return await LoadCommand.RunAsync(args, Console.Out, Console.Error);
