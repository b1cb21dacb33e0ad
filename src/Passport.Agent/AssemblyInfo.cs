namespace Passport.Agent;
