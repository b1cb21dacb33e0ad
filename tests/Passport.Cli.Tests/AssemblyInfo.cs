[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace Passport.Cli.Tests;
