namespace Passport.Gateway.Tests;
