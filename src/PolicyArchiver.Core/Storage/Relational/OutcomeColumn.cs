using System.Data.Common;

namespace PolicyArchiver.Storage.Relational;

/// <summary>
/// The one place an observation's outcome crosses the database: rows keep its wire name
/// (<c>ok</c>, <c>blocked</c>…), whatever type the code holds it in.
/// </summary>
internal static class OutcomeColumn
{
    public static object Write(string outcome) => outcome;

    public static string Read(DbDataReader r, int ordinal) => r.GetString(ordinal);
}
