# Registers a stackhook catalog as pyAMI's endpoint `stackhook`, pyAMI's own files unchanged: a `.pth` file in
# the virtualenv's site-packages (`import stackhook_pyami_endpoint`) runs this at Python's start, when
# STACKHOOK_PYAMI_ENDPOINT names the catalog's AMI URL, e.g. http://127.0.0.1:8080/AMI/FrontEnd. Then:
#   ami -e stackhook cmd GetSWTagInfo -swTag="sw1"
#   pyAMI.client.Client('stackhook').execute('GetSWTagInfo -swTag="sw1"', format='dom_object')
import os

_url = os.environ.get('STACKHOOK_PYAMI_ENDPOINT')
if _url:
    from urllib.parse import urlsplit

    import pyAMI.config

    _parts = urlsplit(_url)
    pyAMI.config.endpoint_descrs['stackhook'] = {
        'prot': _parts.scheme,
        'host': _parts.hostname,
        'port': str(_parts.port or (443 if _parts.scheme == 'https' else 80)),
        'path': _parts.path or '/AMI/FrontEnd',
    }
