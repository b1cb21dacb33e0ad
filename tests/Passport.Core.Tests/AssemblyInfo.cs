namespace Passport.Core.Tests;
