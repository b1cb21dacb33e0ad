namespace Passport.Load.Targets;

/// <summary>The hosts this program can run.</summary>
public static class TargetKinds
{
    /// <summary>YARP with the shared route config and no authentication.</summary>
    public const string BareYarp = "bare-yarp";

    /// <summary>YARP with the shared route config behind Microsoft JwtBearer (ES256 bearer tokens, static key).</summary>
    public const string YarpJwtBearer = "yarp-jwtbearer";
}
