using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bayan.Accounts;

/// <summary>The "Bayan:Mail" section: how the site sends email (password-reset links). Unset: it sends none.</summary>
public sealed class MailOptions
{
    public const string Section = "Bayan:Mail";

    /// <summary>The sender, e.g. "Sepehr statements &lt;no-reply@sepehr.example&gt;".</summary>
    public string? From { get; set; }

    /// <summary>An SMTP server to send through.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered; TLS on port 465), StartTls, SslOnConnect or None.</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.Auto;

    public string? SmtpUsername { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Instead of SMTP, write each message as an .eml file into this directory (for a local relay, or to test).</summary>
    public string? PickupDirectory { get; set; }

    public bool CanSend => !string.IsNullOrWhiteSpace(From) && (!string.IsNullOrWhiteSpace(SmtpHost) || !string.IsNullOrWhiteSpace(PickupDirectory));
}

/// <summary>
/// Queues messages and sends them in the background. Queuing, not sending, is what a request waits for, so a
/// password-reset request takes the same time whether or not a message went out.
/// </summary>
public sealed class Mailer(IOptions<MailOptions> options, ILogger<Mailer> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> queue = Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool CanSend => options.Value.CanSend;

    public void Enqueue(string to, string subject, string body)
    {
        if (!CanSend)
        {
            return;
        }

        if (!MailboxAddress.TryParse(options.Value.From, out var from) || !MailboxAddress.TryParse(to, out var recipient))
        {
            logger.LogError("Bayan:Mail:From ({From}) or the recipient is not a valid address; no message sent", options.Value.From);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(recipient);
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        if (!queue.Writer.TryWrite(message))
        {
            logger.LogWarning("The mail queue is full; a message to {Recipient} was dropped", to);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(message, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed delivery must not stop the queue; the person can ask again.
                logger.LogError(exception, "Could not send the message \"{Subject}\"", message.Subject);
            }
        }
    }

    private async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.PickupDirectory))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var path = Path.Combine(settings.PickupDirectory, $"{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path + ".tmp", cancellationToken);
            File.Move(path + ".tmp", path);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUsername))
        {
            await smtp.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", cancellationToken);
        }

        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
