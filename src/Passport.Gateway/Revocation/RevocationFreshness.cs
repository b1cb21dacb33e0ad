namespace Passport.Gateway.Revocation;

/// <summary>When the revocation source was last confirmed current, and whether that is recent enough to serve.</summary>
internal sealed class RevocationFreshness(TimeProvider time, TimeSpan maxStaleness)
{
    private long _confirmed = long.MinValue;
    private volatile bool _live;

    /// <summary>The source is confirmed current now (a successful poll or resync).</summary>
    public void Confirm()
    {
        Volatile.Write(ref _confirmed, time.GetTimestamp());
    }

    /// <summary>For push sources: while live (subscribed and connected) the list is current without polling.</summary>
    public void SetLive(bool live)
    {
        if (!live && _live) Confirm();
        _live = live;
        if (live) Confirm();
    }

    public bool HasSynced => Volatile.Read(ref _confirmed) != long.MinValue;

    public bool IsCurrent
    {
        get
        {
            if (_live) return true;
            var confirmed = Volatile.Read(ref _confirmed);
            return confirmed != long.MinValue && time.GetElapsedTime(confirmed) <= maxStaleness;
        }
    }
}
