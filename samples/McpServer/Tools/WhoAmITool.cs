using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpServer.Tools;

/// <summary><c>whoami</c>: the identity the gateway vouched for, read from the plain <c>X-Passport-*</c> headers.</summary>
[McpServerToolType]
public sealed class WhoAmITool(LegacyOrdersClient orders)
{
    /// <summary>The <c>X-Passport-*</c> headers of this request, by name (empty when nothing in front sets them).</summary>
    [McpServerTool(Name = "whoami", ReadOnly = true), Description("Returns the caller's identity headers (X-Passport-Handle, X-Passport-Sub, X-Passport-Scope, …) as set by the gateway.")]
    public IReadOnlyDictionary<string, string> WhoAmI() => orders.IdentityHeaders();
}
