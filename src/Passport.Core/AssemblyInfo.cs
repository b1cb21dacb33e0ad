namespace Passport.Core;
