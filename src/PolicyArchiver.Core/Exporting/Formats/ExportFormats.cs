using PolicyArchiver.Exporting.Wacz;

namespace PolicyArchiver.Exporting.Formats;

/// <summary>
/// The export formats the CLI and the web offer, the first being the default. A new format is one
/// class and one line here. In a namespace of its own, above the formats' own: the formats depend on
/// <c>PolicyArchiver.Exporting</c>'s plan and ZIP writer, and nothing there depends on them.
/// </summary>
internal static class ExportFormats
{
    public static readonly IReadOnlyList<IExportFormat> All = [new ZipExport(), new WaczExport()];

    /// <summary>What an export is written as when no format is named: a ZIP.</summary>
    public static IExportFormat Default => All[0];

    /// <summary>The names, for messages and help: <c>zip or wacz</c>.</summary>
    public static string Names => string.Join(" or ", All.Select(f => f.Name));

    /// <summary>The format of that name (case-insensitive); null or empty means the default, an unknown name null.</summary>
    public static IExportFormat? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Default : All.FirstOrDefault(f => f.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
}
