#!/usr/bin/env python3
"""The cluster harness's writer: publishes statements through Bayan's editorial API, as a newsroom script would.

  writer.py token BASE EMAIL PASSWORD        signs in through the web form, makes an API token, prints it
  writer.py publish BASE TOKEN SECONDS OUT   creates and publishes statements for SECONDS, retrying each step while
                                             the site answers with errors (a database restarting); writes the ids whose
                                             publication the site acknowledged to OUT, and prints counts
  writer.py verify BASE TOKEN IDS [READER…]  exits 1 unless every id in the file IDS is a published statement whose
                                             public page opens on BASE and on every READER instance
  writer.py visible A B TOKEN                publishes one statement through instance A and prints how many
                                             milliseconds until instance B's archive lists it (fails after 5 s)
  writer.py timed BASE TOKEN COUNT           publishes COUNT statements one after another and prints the mean and
                                             95th percentile time of one publication (create + publish)

Standard library only; loopback addresses only.
"""
import http.cookiejar
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN_FIELD = re.compile(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"')


def form_token(html):
    match = TOKEN_FIELD.search(html)
    if not match:
        raise SystemExit("writer: no antiforgery token on the page")
    return match.group(1)


def make_token(base, email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/admin/sign-in").read().decode()
    fields = {"Email": email, "Password": password, "__RequestVerificationToken": form_token(page)}
    opener.open(base + "/admin/sign-in", urllib.parse.urlencode(fields).encode()).read()
    page = opener.open(base + "/admin/tokens").read().decode()
    fields = [("Name", "cluster harness"), ("Scopes", "read-drafts"), ("Scopes", "write"), ("Scopes", "publish"),
              ("Days", "7"), ("CurrentPassword", password), ("__RequestVerificationToken", form_token(page))]
    page = opener.open(base + "/admin/tokens?handler=create", urllib.parse.urlencode(fields).encode()).read().decode()
    match = re.search(r'id="new-token" value="([^"]+)"', page)
    if not match:
        raise SystemExit("writer: the tokens page showed no new token")
    return match.group(1)


def call(base, token, method, path, body=None, timeout=5):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def first_slug(base, path):
    with urllib.request.urlopen(base + path, timeout=5) as response:
        data = json.loads(response.read().decode())
    items = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    return items[0]["slug"]


def retried(step, deadline, counts):
    """Runs step until it succeeds; errors (a 5xx, a refused connection) are counted and retried until the deadline."""
    while True:
        try:
            return step()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if isinstance(error, urllib.error.HTTPError) and error.code < 500 and error.code != 429:
                raise
            counts["errors"] += 1
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def publish_one(base, token, title, kind, organization, counts, deadline):
    statement = {"type": kind, "signatories": [organization],
                 "translations": [{"language": "en", "title": title, "body": "Written by the cluster harness."}]}
    created = retried(lambda: call(base, token, "POST", "/api/v1/admin/statements", statement), deadline, counts)

    def publish_step():
        try:
            call(base, token, "POST", f"/api/v1/admin/statements/{created['id']}/publish", {})
        except urllib.error.HTTPError as error:
            # A retry after an answer lost on the way (the database going down just after the commit): the statement
            # is published already, which is what was asked.
            if error.code != 409 or call(base, token, "GET", f"/api/v1/admin/statements/{created['id']}")["status"].lower() != "published":
                raise
    retried(publish_step, deadline, counts)
    return created["id"]


def publish(base, token, seconds, out):
    kind, organization = first_slug(base, "/api/v1/types"), first_slug(base, "/api/v1/organizations")
    counts = {"errors": 0}
    acknowledged = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        title = f"Harness statement {time.time_ns()}"
        # A publication the site acknowledged is one it must keep; one still failing long after the load is a failure.
        acknowledged.append(publish_one(base, token, title, kind, organization, counts, end + 60))
    with open(out, "w") as file:
        json.dump(acknowledged, file)
    print(f"{len(acknowledged)} published, {counts['errors']} errors retried")


def opens(reader, statement_id):
    # A reader just restarted compiles its code as it first serves, on a machine that may be busy with other work:
    # slow is not missing, so it gets time and a second try before a page counts as not opening.
    for attempt in range(2):
        try:
            with urllib.request.urlopen(f"{reader}/en/statements/{statement_id}", timeout=20) as response:
                return response.status == 200
        except urllib.error.HTTPError:
            return False
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if attempt == 1:
                return False
            time.sleep(1)
    return False


def verify(base, token, ids_file, *readers):
    with open(ids_file) as file:
        ids = json.load(file)
    lost = [i for i in ids if call(base, token, "GET", f"/api/v1/admin/statements/{i}", timeout=20)["status"].lower() != "published"]
    # Published but not readable somewhere would be half published (say, a translation left out of the commit).
    unreadable = [i for i in ids if i not in lost and not all(opens(r, i) for r in (base, *readers))]
    print(f"{len(ids) - len(lost)} of {len(ids)} acknowledged publications are published"
          + (f", each page opening on {1 + len(readers)} instance{'s' if readers else ''}" if not unreadable else "")
          + (f"; lost: {lost}" if lost else "") + (f"; pages not opening: {unreadable}" if unreadable else ""))
    sys.exit(1 if lost or unreadable else 0)


def visible(a, b, token):
    kind, organization = first_slug(a, "/api/v1/types"), first_slug(a, "/api/v1/organizations")
    title = f"Harness visibility {time.time_ns()}"
    publish_one(a, token, title, kind, organization, {"errors": 0}, time.monotonic() + 10)
    start = time.monotonic()
    while time.monotonic() - start < 5:
        with urllib.request.urlopen(b + "/en/statements", timeout=5) as response:
            if title in response.read().decode():
                print(int((time.monotonic() - start) * 1000))
                return
        time.sleep(0.02)
    raise SystemExit("writer: instance B did not list the statement within 5 s")


def timed(base, token, count):
    kind, organization = first_slug(base, "/api/v1/types"), first_slug(base, "/api/v1/organizations")
    times = []
    for n in range(int(count)):
        start = time.perf_counter()
        publish_one(base, token, f"Timed statement {n} {time.time_ns()}", kind, organization, {"errors": 0}, time.monotonic() + 30)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{sum(times) / len(times):.1f} ms / {times[int(len(times) * 0.95) - 1]:.1f} ms")


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "token":
        print(make_token(*arguments))
    elif command == "publish":
        publish(arguments[0], arguments[1], float(arguments[2]), arguments[3])
    elif command == "verify":
        verify(*arguments)
    elif command == "visible":
        visible(*arguments)
    elif command == "timed":
        timed(*arguments)
    else:
        raise SystemExit(__doc__)
