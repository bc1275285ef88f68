"""``sendocs serve``: the local web app, on 127.0.0.1 only."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from sendocs.cli.common import success

__all__ = ["serve"]


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your web browser.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for your cases (default: your user data folder).")
def serve(port: int, open_browser: bool, data_dir: Path | None) -> None:
    """Run the sendocs web app on this computer, for people who never write YAML.

    It answers only on 127.0.0.1 (this computer), asks nothing of any other
    site, and keeps cases in DATA (each deletable in the app). Press Ctrl+C
    to stop it. See docs/web.md.

    \b
    Examples:
      sendocs serve --open
      sendocs serve --port 8080 --data ~/send-cases
    """
    from sendocs.web import default_data_dir, make_local_server

    folder = data_dir or default_data_dir()
    try:
        server = make_local_server(folder, port)
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try another --port"
        ) from None
    address = f"http://127.0.0.1:{server.server_port}/"
    success(f"sendocs is running at {address}")
    click.echo(f"Cases are kept in {folder}. Press Ctrl+C to stop.")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (address,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
