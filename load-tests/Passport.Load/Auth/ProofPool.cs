namespace Passport.Load.Auth;

/// <summary>
/// Fresh DPoP proofs, each handed out once. During warm-up proofs are signed on demand (client CPU is not measured
/// then); <see cref="Fill"/> signs the measured phase's proofs in one burst before it starts, so the load client
/// spends no signing CPU while the target is measured. A proof's <c>iat</c> is moved to the middle of the measured
/// phase (<see cref="IatOffset"/>), well inside a ±60 s acceptance window for runs up to 90 s.
/// </summary>
public sealed class ProofPool
{
    private readonly IProofSigner _live;
    private readonly Func<TimeProvider, IProofSigner> _factory;
    private readonly string _method;
    private readonly string _uri;
    private readonly string? _accessToken;
    private string[] _proofs = [];
    private long _next;
    private bool _pooledOnly;

    /// <summary>Creates a pool of proofs (EdDSA or ES256: <paramref name="factory"/> makes a signer on a given clock) for <paramref name="method"/> <paramref name="uri"/> (with <c>ath</c> of <paramref name="accessToken"/> when given).</summary>
    public ProofPool(Func<TimeProvider, IProofSigner> factory, string method, string uri, string? accessToken)
    {
        _factory = factory;
        _live = factory(TimeProvider.System);
        _method = method;
        _uri = uri;
        _accessToken = accessToken;
    }

    /// <summary>How far <c>iat</c> of pooled proofs is moved ahead of the signing time.</summary>
    public TimeSpan IatOffset { get; private set; }

    /// <summary>Proofs left in the pool.</summary>
    public long Remaining => Math.Max(0, _proofs.Length - Interlocked.Read(ref _next));

    /// <summary>Signs <paramref name="count"/> proofs on all cores, <c>iat</c> moved by <paramref name="iatOffset"/>; from now on only pooled proofs are handed out.</summary>
    public void Fill(long count, TimeSpan iatOffset)
    {
        IatOffset = iatOffset;
        var factory = _factory(new ShiftedTimeProvider(iatOffset));
        var proofs = new string[count];
        Parallel.For(0, count, i => proofs[i] = factory.Create(_method, _uri, _accessToken));
        _proofs = proofs;
        Interlocked.Exchange(ref _next, 0);
        _pooledOnly = true;
    }

    /// <summary>The next unused proof; null when the pool is exhausted in the measured phase.</summary>
    public string? Take()
    {
        if (!_pooledOnly)
        {
            return _live.Create(_method, _uri, _accessToken);
        }

        var index = Interlocked.Increment(ref _next) - 1;
        return index < _proofs.Length ? _proofs[index] : null;
    }

    /// <summary>Writes <paramref name="count"/> fresh proofs, one per line, to <paramref name="path"/> (for wrk).</summary>
    public void WriteFile(string path, long count, TimeSpan iatOffset)
    {
        var factory = _factory(new ShiftedTimeProvider(iatOffset));
        var proofs = new string[count];
        Parallel.For(0, count, i => proofs[i] = factory.Create(_method, _uri, _accessToken));
        File.WriteAllLines(path, proofs);
    }
}
