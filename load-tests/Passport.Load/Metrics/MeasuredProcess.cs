namespace Passport.Load.Metrics;

/// <summary>A process whose CPU time and memory are sampled around the measured phase.</summary>
/// <param name="Name">Role in the scenario, e.g. <c>gateway</c>, <c>upstream</c>, <c>redis</c>, <c>load client</c>.</param>
/// <param name="Pid">Operating-system process id.</param>
public sealed record MeasuredProcess(string Name, int Pid);

/// <summary>CPU and memory of one process over the measured phase.</summary>
/// <param name="Name">Role in the scenario.</param>
/// <param name="Pid">Process id.</param>
/// <param name="CpuSeconds">User + system CPU seconds consumed during the measured phase.</param>
/// <param name="CpuMicrosPerRequest">CPU microseconds per completed request.</param>
/// <param name="CoresUsed">Average cores busy (CPU seconds / wall seconds).</param>
/// <param name="RssStartMb">Resident memory at the start of the measured phase.</param>
/// <param name="RssEndMb">Resident memory at the end of the measured phase.</param>
public sealed record ProcessUsage(string Name, int Pid, double CpuSeconds, double CpuMicrosPerRequest, double CoresUsed, double RssStartMb, double RssEndMb);
