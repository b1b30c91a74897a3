using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for the token and audit commands.</summary>
public static class SecurityTables
{
    public static IRenderable Tokens(TokenListView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var table = Cells.NewTable("TOKEN ID", "TENANT", "PREFIX", "CREATED", "REVOKED");
        foreach (var token in view.Tokens)
        {
            table.AddRow(Cells.Text(token.TokenId), Cells.Text(token.TenantId), Cells.Text(token.Prefix), Cells.UnixSeconds(token.CreatedAt), Cells.UnixSeconds(token.RevokedAt));
        }

        table.Caption(Markup.Escape(view.Tokens.Count.ToString(CultureInfo.InvariantCulture) + (view.Tokens.Count == 1 ? " token" : " tokens")));
        return table;
    }

    public static IRenderable Single(TokenView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Cells.Fields(
            ("Token id", view.TokenId),
            ("Tenant", view.TenantId),
            ("Prefix", view.Prefix),
            ("Created", Cells.FormatUnixSeconds(view.CreatedAt)),
            ("Revoked", Cells.FormatUnixSeconds(view.RevokedAt)));
    }

    public static IRenderable Created(CreatedTokenView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Cells.Fields(
            ("Token id", view.Info.TokenId),
            ("Tenant", view.Info.TenantId),
            ("Created", Cells.FormatUnixSeconds(view.Info.CreatedAt)),
            ("Token", view.Token),
            ("Note", "The token is shown only now; the coordinator keeps only a hash of it."));
    }

    public static IRenderable Audit(AuditListView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var table = Cells.NewTable("ID", "AT", "CALLER", "METHOD", "TARGET", "STATUS");
        foreach (var record in view.Records)
        {
            table.AddRow(
                Cells.Text(record.Id.ToString(CultureInfo.InvariantCulture)),
                new Text(Cells.FormatUnixMicros(record.AtMicros)),
                Cells.Text(record.Caller),
                Cells.Text(record.Method),
                Cells.Text(record.Target),
                Cells.Text(record.Status));
        }

        var caption = view.Records.Count.ToString(CultureInfo.InvariantCulture) + (view.Records.Count == 1 ? " record" : " records")
            + (view.NextBeforeId > 0 ? "; older: --before " + view.NextBeforeId.ToString(CultureInfo.InvariantCulture) : string.Empty);
        table.Caption(Markup.Escape(caption));
        return table;
    }
}
