namespace Passport.Testing;

/// <summary>Temp folder helpers.</summary>
public static class TempDirectory
{
    /// <summary>Deletes the folder and everything in it; a few retries, never throws.</summary>
    public static void TryDelete(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
