namespace PolicyArchiver.Exporting;

/// <summary>What an export wrote: observations (manifest rows or pages), snapshots, and the bytes of the output.</summary>
internal sealed record ExportSummary(string Format, int Documents, int Observations, int Snapshots, long Bytes);
