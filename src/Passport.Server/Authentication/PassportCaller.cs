using Passport.Core.Tokens;
using Passport.Server.Storage;

namespace Passport.Server.Authentication;

/// <summary>
/// The authenticated caller of a protected IdP endpoint: the verified token claims, the record of <c>sub</c>, and for a
/// delegation token the actor's record and the grant, as <see cref="IdpStatusSource"/> looked them up.
/// </summary>
internal sealed record PassportCaller(PassportTokenClaims Claims, PassportRecord Subject, PassportRecord? Actor, DelegationGrant? Grant)
{
    private const string ItemKey = "passport.caller";

    public bool IsDelegation => Claims.IsDelegation;

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;

    public static PassportCaller From(HttpContext context) =>
        context.Items[ItemKey] as PassportCaller ?? throw new InvalidOperationException("The endpoint does not require the Passport scheme (IdpAuthentication.Policy).");
}
