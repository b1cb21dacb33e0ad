using System.Security.Cryptography;

namespace Passport.Agent;

/// <summary>
/// Files only their owner may read or write (mode 0600): written atomically (a 0600 temporary file in the same folder,
/// then a rename) and refused on read when group or others have any permission.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public const int MaxLength = 1024 * 1024;

    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerDirectory);
        }
    }

    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        EnsureDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads the file after checking its permissions; null when it does not exist.</summary>
    /// <exception cref="PassportAgentException"><c>identity.insecure_permissions</c> when group or others have access.</exception>
    public static string? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        CheckPermissions(path);
        var info = new FileInfo(path);
        if (info.Length > MaxLength)
        {
            throw new PassportAgentException(AgentErrorCodes.IdentityMalformed, $"{path} is larger than {MaxLength} bytes; it is not a Passport file.");
        }
        return File.ReadAllText(path);
    }

    public static void CheckPermissions(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new PassportAgentException(AgentErrorCodes.IdentityInsecurePermissions,
                $"{path} is accessible by other users (mode {ToOctal(mode)}); it holds a private key or tokens. Fix it with: chmod 600 {path}");
        }
    }

    private static string ToOctal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
