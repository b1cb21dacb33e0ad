namespace Passport.Server.Tests;
