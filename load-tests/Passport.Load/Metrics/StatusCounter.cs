namespace Passport.Load.Metrics;

/// <summary>Thread-safe counts of results by HTTP status code (0 = no response), split into expected and unexpected.</summary>
public sealed class StatusCounter
{
    private const int Codes = 600;
    private readonly long[] _ok = new long[Codes];
    private readonly long[] _failed = new long[Codes];

    /// <summary>Counts one result.</summary>
    public void Add(StepResult result)
    {
        var code = result.StatusCode is >= 0 and < Codes ? result.StatusCode : 0;
        Interlocked.Increment(ref (result.Ok ? _ok : _failed)[code]);
    }

    /// <summary>Total expected outcomes so far.</summary>
    public long Ok => Sum(_ok);

    /// <summary>Total unexpected outcomes so far.</summary>
    public long Failed => Sum(_failed);

    /// <summary>Counts by status code (all outcomes), only codes seen.</summary>
    public IReadOnlyDictionary<int, long> ByStatus()
    {
        var result = new SortedDictionary<int, long>();
        for (var code = 0; code < Codes; code++)
        {
            var n = Interlocked.Read(ref _ok[code]) + Interlocked.Read(ref _failed[code]);
            if (n > 0)
            {
                result[code] = n;
            }
        }

        return result;
    }

    /// <summary>Unexpected outcomes by status code, only codes seen.</summary>
    public IReadOnlyDictionary<int, long> FailuresByStatus()
    {
        var result = new SortedDictionary<int, long>();
        for (var code = 0; code < Codes; code++)
        {
            var n = Interlocked.Read(ref _failed[code]);
            if (n > 0)
            {
                result[code] = n;
            }
        }

        return result;
    }

    /// <summary>Zeroes every count.</summary>
    public void Reset()
    {
        Array.Clear(_ok);
        Array.Clear(_failed);
    }

    private static long Sum(long[] counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += Interlocked.Read(ref counts[i]);
        }

        return total;
    }
}
