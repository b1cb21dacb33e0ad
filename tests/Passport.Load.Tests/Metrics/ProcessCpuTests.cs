using Passport.Load.Metrics;

namespace Passport.Load.Tests.Metrics;

public class ProcessCpuTests
{
    [Fact]
    public void Utime_and_stime_are_read_after_the_command_name_even_with_spaces_and_parentheses()
    {
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 12 0 100 1000 200";

        Assert.Equal(TimeSpan.FromSeconds(3), ProcessCpu.Parse(stat, 100));
    }

    [Fact]
    public void The_own_process_has_cpu_time_and_memory()
    {
        Assert.True(ProcessCpu.Read(Environment.ProcessId) > TimeSpan.Zero);
        Assert.True(ProcessCpu.ResidentBytes(Environment.ProcessId) > 0);
    }
}
