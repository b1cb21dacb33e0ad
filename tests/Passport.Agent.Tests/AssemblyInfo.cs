namespace Passport.Agent.Tests;
