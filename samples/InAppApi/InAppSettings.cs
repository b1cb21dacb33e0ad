namespace InAppApi;

/// <summary>The <c>InAppApi</c> configuration section.</summary>
public sealed class InAppSettings
{
    /// <summary>The section name.</summary>
    public const string SectionName = "InAppApi";

    /// <summary>The IdP (token issuer). Default: <c>http://127.0.0.1:8081</c>, the IdP of <c>./run.sh</c>.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The origin agents address; also the accepted <c>aud</c>. Default: <see cref="InAppApp.DefaultUrl"/>.</summary>
    public string PublicOrigin { get; set; } = InAppApp.DefaultUrl;
}
