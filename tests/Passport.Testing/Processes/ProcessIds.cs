namespace Passport.Testing;

/// <summary>Checks on processes by id.</summary>
public static class ProcessIds
{
    /// <summary>True while the process exists and is not a zombie (a daemon such as the postmaster is not our child, so it may linger unreaped).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var afterName = text.LastIndexOf(')');
                return afterName < 0 || afterName + 2 >= text.Length || text[afterName + 2] is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }

        if (OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
