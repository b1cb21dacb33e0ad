using Passport.Load.Metrics;

namespace Passport.Load;

/// <summary>What a step knows about the request it is sending.</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(long requestNumber, int virtualUser, long intendedTimestamp, ScenarioCounters counters, RunControl control)
    {
        RequestNumber = requestNumber;
        VirtualUser = virtualUser;
        IntendedTimestamp = intendedTimestamp;
        Counters = counters;
        Control = control;
    }

    /// <summary>0-based sequence number of this request in the current phase.</summary>
    public long RequestNumber { get; }

    /// <summary>The virtual user sending it (closed model), or -1 (open model).</summary>
    public int VirtualUser { get; }

    /// <summary>When the request was meant to be sent, a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    public long IntendedTimestamp { get; }

    /// <summary>Named counters the scenario may increment (e.g. invalid requests accepted); they appear in the report.</summary>
    public ScenarioCounters Counters { get; }

    /// <summary>Lets the step end the measured phase early (e.g. the proof pool is exhausted).</summary>
    public RunControl Control { get; }
}
