namespace Passport.Server.Storage;

/// <summary>The schema, as ordered migrations. Times are Unix milliseconds (BIGINT) so both databases store them alike.</summary>
internal static class Migrations
{
    /// <summary>(version, SQL with <c>{identity}</c> for the dialect's identity column).</summary>
    public static readonly (int Version, string Sql)[] All =
    [
        (1, """
            CREATE TABLE records (
                id {identity},
                handle TEXT NOT NULL UNIQUE,
                did TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                name TEXT NULL,
                owner_email TEXT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE challenges (
                hash TEXT NOT NULL PRIMARY KEY,
                did TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT NULL
            );
            CREATE INDEX ix_challenges_expires ON challenges (expires_at);
            CREATE TABLE claim_tokens (
                hash TEXT NOT NULL PRIMARY KEY,
                handle TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT NULL
            );
            CREATE TABLE owner_links (
                hash TEXT NOT NULL PRIMARY KEY,
                handle TEXT NOT NULL,
                action TEXT NOT NULL,
                new_did TEXT NULL,
                actor TEXT NULL,
                scope TEXT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT NULL
            );
            CREATE INDEX ix_owner_links_new_did ON owner_links (new_did);
            CREATE TABLE delegations (
                id TEXT NOT NULL PRIMARY KEY,
                principal TEXT NOT NULL,
                actor TEXT NOT NULL,
                scope TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            CREATE INDEX ix_delegations_principal ON delegations (principal);
            CREATE INDEX ix_delegations_actor ON delegations (actor);
            CREATE TABLE revocation_events (
                id {identity},
                type TEXT NOT NULL,
                handle TEXT NOT NULL,
                did TEXT NOT NULL,
                new_did TEXT NULL,
                grant_id TEXT NULL,
                at BIGINT NOT NULL,
                published BIGINT NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_revocation_events_unpublished ON revocation_events (published, id);
            """),
        // Owner approvals through Passes (Approvals/SqlApprovalStore). IF NOT EXISTS only because databases from before
        // this migration already hold these tables, created by the store on first use; this adopts them unchanged.
        (2, """
            CREATE TABLE IF NOT EXISTS passes_approval_requests (
                nonce TEXT NOT NULL PRIMARY KEY,
                link_hash TEXT NOT NULL,
                request TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                answered_at BIGINT NULL
            );
            CREATE TABLE IF NOT EXISTS passes_owner_keys (
                owner_id TEXT NOT NULL PRIMARY KEY,
                thumbprint TEXT NOT NULL,
                jwk TEXT NOT NULL,
                bound_at BIGINT NOT NULL
            );
            """),
        // Owner console (docs/owner.md): emailed sign-in links and server-side sessions, both stored as SHA-256 of the secret.
        (3, """
            CREATE TABLE owner_signin_links (
                hash TEXT NOT NULL PRIMARY KEY,
                email TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT NULL
            );
            CREATE TABLE owner_sessions (
                hash TEXT NOT NULL PRIMARY KEY,
                email TEXT NOT NULL,
                csrf TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            """),
        // Ungrant through the owner-approval path (docs/owner.md): the grant an "ungrant" owner link revokes.
        (4, """
            ALTER TABLE owner_links ADD COLUMN grant_id TEXT NULL;
            """),
        // Owner-key recovery (docs/owner.md, Approvals/SqlKeyRecoveryStore): at most one pending recovery per owner,
        // enforced by the partial unique index (SQLite and PostgreSQL both support WHERE on an index).
        (5, """
            CREATE TABLE passes_owner_key_recoveries (
                id TEXT NOT NULL PRIMARY KEY,
                owner_id TEXT NOT NULL,
                handle TEXT NOT NULL,
                thumbprint TEXT NOT NULL,
                jwk TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                not_before BIGINT NOT NULL,
                ended_at BIGINT NULL
            );
            CREATE UNIQUE INDEX ux_passes_owner_key_recoveries_pending ON passes_owner_key_recoveries (owner_id) WHERE status = 'pending';
            """),
        // When the owner claimed the record (the owner console's "Claimed" column). NULL for records claimed before
        // this migration: the time was never stored, and inventing one would mislead.
        (6, """
            ALTER TABLE records ADD COLUMN claimed_at BIGINT NULL;
            """),
    ];
}
