[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace Passport.Agent.Tests;
