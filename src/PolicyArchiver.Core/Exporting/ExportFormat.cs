namespace PolicyArchiver.Exporting;

/// <summary>
/// What an export is written as: a plain ZIP for researchers (manifest and files), or a WACZ
/// package for replay tools. Named, with its file extension and media type, so the CLI and the web
/// offer exactly the same choices.
/// </summary>
public sealed record ExportFormat(string Name, string Extension, string ContentType)
{
    public static readonly ExportFormat Zip = new("zip", ".zip", "application/zip");

    /// <summary>WACZ has no registered media type; <c>application/wacz</c> is what webrecorder's tools use.</summary>
    public static readonly ExportFormat Wacz = new("wacz", ".wacz", "application/wacz");

    public static readonly IReadOnlyList<ExportFormat> All = [Zip, Wacz];

    /// <summary>The format of that name (case-insensitive); null or empty means ZIP, an unknown name null.</summary>
    public static ExportFormat? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Zip : All.FirstOrDefault(f => f.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
}
