using Passport.Load.Targets;

// Comparison targets for the load runner, one process each:
//   bare-yarp       --urls http://127.0.0.1:N --upstream http://127.0.0.1:M
//   yarp-jwtbearer  --urls ... --upstream ... --issuer I --audience A --es256-public-key <base64 SPKI>
// Both use the same YARP route config (ProxyRoutes); the second adds JwtBearer (ES256, static key) on the route.
if (args.Length == 0 || args[0] is not (TargetKinds.BareYarp or TargetKinds.YarpJwtBearer))
{
    Console.Error.WriteLine($"usage: Passport.Load.Targets {TargetKinds.BareYarp}|{TargetKinds.YarpJwtBearer} --urls http://127.0.0.1:N --upstream http://127.0.0.1:M [--issuer I --audience A --es256-public-key B64]");
    return 2;
}

var app = TargetHost.Build(args[0], args[1..]);
await app.RunAsync();
return 0;
