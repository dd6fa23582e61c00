using System.Globalization;

namespace PolicyArchiver.Capture;

/// <summary>A size in an observation's detail: megabytes (of 1,048,576 bytes) from one megabyte up, bytes below.</summary>
internal static class ByteSize
{
    public static string Of(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.##} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
