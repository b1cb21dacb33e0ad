namespace Passport.Testing;
