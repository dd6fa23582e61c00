namespace PolicyArchiver.Exporting;

/// <summary>How far an export is: <paramref name="Done"/> of <paramref name="Total"/> captures written.</summary>
internal readonly record struct ExportProgress(int Done, int Total);
