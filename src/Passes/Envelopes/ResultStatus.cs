namespace Passes;

/// <summary>The status of a version-0 result envelope; the value is the status byte on the wire.</summary>
public enum ResultStatus : byte
{
    /// <summary><c>0x00</c>: the user accepted; the rest of the result is the body.</summary>
    Accepted = 0x00,

    /// <summary><c>0x01</c>: the user rejected; nothing follows.</summary>
    Rejected = 0x01,

    /// <summary><c>0x02</c>: the handler does not support the topic; nothing follows.</summary>
    Unsupported = 0x02,

    /// <summary><c>0x03</c>: an error occurred; a UTF-8 message (possibly empty) follows.</summary>
    Exception = 0x03,
}
