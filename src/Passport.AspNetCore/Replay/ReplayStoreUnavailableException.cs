namespace Passport.AspNetCore.Replay;

/// <summary>The replay store could not record a proof; the request must be refused (503), never accepted unchecked.</summary>
public sealed class ReplayStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
