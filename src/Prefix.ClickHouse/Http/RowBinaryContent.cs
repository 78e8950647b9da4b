using System.IO.Compression;
using System.Net;
using System.Runtime.ExceptionServices;
using Prefix.ClickHouse.Formats;

namespace Prefix.ClickHouse.Http;

/// <summary>
/// An INSERT body that encodes rows while HttpClient sends it (chunked), so a batch is never held in
/// memory whole. It starts at the enumerator's current row and stops after <c>batchSize</c> rows,
/// leaving the enumerator on the first row of the next batch.
/// </summary>
/// <remarks>
/// The body is always gzip-framed, at the fastest level when compressing and as stored (level 0) blocks
/// otherwise. ClickHouse 18.16 treats a chunked body that is cut off at a row boundary as a normal end and
/// commits the rows it got; a gzip stream without its trailer fails to inflate instead, so a batch whose
/// source throws, or whose connection dies, inserts nothing.
/// </remarks>
internal sealed class RowBinaryContent : HttpContent
{
    private readonly IAsyncEnumerator<object?[]> _rows;
    private readonly ColumnEncoder[] _encoders;
    private readonly IReadOnlyList<string> _columns;
    private readonly int _batchSize;
    private readonly bool _gzip;
    private readonly CancellationToken _cancellationToken;

    public RowBinaryContent(
        IAsyncEnumerator<object?[]> rows,
        ColumnEncoder[] encoders,
        IReadOnlyList<string> columns,
        int batchSize,
        bool gzip,
        CancellationToken cancellationToken)
    {
        _rows = rows;
        _encoders = encoders;
        _columns = columns;
        _batchSize = batchSize;
        _gzip = gzip;
        _cancellationToken = cancellationToken;
        Headers.ContentEncoding.Add("gzip");
    }

    /// <summary>Rows written into this body.</summary>
    public long RowCount { get; private set; }

    /// <summary>Whether the enumerator still has rows after this batch.</summary>
    public bool HasMore { get; private set; }

    /// <summary>An error from the caller's rows or values (as opposed to the network), kept to rethrow unwrapped.</summary>
    public ExceptionDispatchInfo? SourceFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken);
        var token = linked.Token;
        var framing = new CuttableStream(stream);
        var target = new GZipStream(framing, _gzip ? CompressionLevel.Fastest : CompressionLevel.NoCompression, leaveOpen: true);
        var complete = false;
        try
        {
            var writer = new RowBinaryWriter();
            while (true)
            {
                try
                {
                    EncodeRow(writer, _rows.Current);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidCastException or NotSupportedException or FormatException)
                {
                    SourceFailure = ExceptionDispatchInfo.Capture(ex);
                    throw;
                }

                RowCount++;
                if (writer.ShouldFlush)
                {
                    await writer.FlushAsync(target, token).ConfigureAwait(false);
                }

                bool more;
                try
                {
                    more = await _rows.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SourceFailure = ExceptionDispatchInfo.Capture(ex);
                    throw;
                }

                if (!more || RowCount == _batchSize)
                {
                    HasMore = more;
                    break;
                }
            }

            await writer.FlushAsync(target, token).ConfigureAwait(false);
            complete = true;
        }
        finally
        {
            if (!complete)
            {
                // Disposing writes the gzip trailer; a failed batch must not get one (see remarks).
                framing.Cut();
            }

            await target.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    private void EncodeRow(RowBinaryWriter writer, object?[] row)
    {
        if (row is null || row.Length != _encoders.Length)
        {
            throw new ArgumentException($"Each row must have {_encoders.Length} values (one per column), got {row?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");
        }

        for (var i = 0; i < row.Length; i++)
        {
            try
            {
                _encoders[i](writer, row[i]);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Row {RowCount} of the batch, column '{_columns[i]}': {ex.Message}", ex);
            }
        }
    }
}
