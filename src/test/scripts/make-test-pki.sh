#!/bin/sh
# Makes a throw-away PKI for the TLS tests in DIR (created if missing), with openssl:
#   ca.pem                      the test CA (trust it with --tls-ca / --tls-client-ca)
#   server.pem, server.key      RSA 2048, signed by the CA, for localhost, 127.0.0.1 and ::1
#   client.pem, client.key      EC P-256, signed by the CA, CN=test-client (mTLS)
#   other-ca.pem                a second CA that the server does not trust
#   rogue.pem, rogue.key        a client certificate signed by other-ca (mTLS must refuse it)
# Keys are unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), the form `chaincast serve` reads.
# The Java tests (chaincast.server.TestPki) and the Python tests (clients/python/tests/tls_fixtures.py)
# both run it, so no private key is ever committed. Usage: make-test-pki.sh DIR
set -eu
dir=${1:?usage: make-test-pki.sh DIR}
mkdir -p "$dir"
cd "$dir"
umask 077

cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
X
cat > server.ext <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
X
cat > client.ext <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
X

ca() { # NAME CN
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
  openssl req -new -x509 -key "$1.key" -subj "/CN=$2" -days 3650 -sha256 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out "$1.pem"
}

leaf() { # NAME CN EXT CA KEYALG...
  name=$1 cn=$2 ext=$3 issuer=$4
  shift 4
  openssl genpkey "$@" -out "$name.key" 2>/dev/null
  openssl req -new -key "$name.key" -subj "/CN=$cn" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 3650 -sha256 -extfile "$ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr"
}

ca ca "Chaincast Test CA"
ca other-ca "Someone Else's CA"
leaf server localhost server.ext ca -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf client test-client client.ext ca -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf rogue test-client client.ext other-ca -algorithm EC -pkeyopt ec_paramgen_curve:P-256
rm -f ca.ext server.ext client.ext
# The keys stay 0600 (umask); the certificates are public.
chmod 644 ./*.pem
