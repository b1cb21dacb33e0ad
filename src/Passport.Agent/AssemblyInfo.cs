using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Passport.Agent.Tests")]
[assembly: InternalsVisibleTo("passport")]
[assembly: InternalsVisibleTo("Passport.Cli.Tests")]
