using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Passport.Server.Tests")]
