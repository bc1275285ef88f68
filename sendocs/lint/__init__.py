"""Checking a school's own Word template before it is used for real documents.

A SENCO restyles a shipped template in Word, or writes one from scratch, and
types tags such as ``{{ child.legal_surname }}``. Rendering would stop at
the first misspelt field (the environment is strict); this package finds
*every* problem at once and says how to fix each:

* Jinja syntax errors, with the document text around them (not XML);
* every field the template uses, checked against what the document kind
  really provides. docxtpl's ``get_undeclared_template_variables`` sees
  top-level names only, so we walk the Jinja syntax tree ourselves and follow
  attribute and item chains (``plan.outcomes``), loop variables
  (``{%tr for row in plan.outcomes %}`` binds ``row`` to an outcome row),
  ``{% set %}`` names and filters; a misspelt name gets the nearest real one
  ("did you mean child.legal_surname?"). Names only used under
  ``is defined`` (or with ``|default``) are optional: reported as warnings;
* block tags that break the document's structure: a plain ``{% for %}``
  spread over table cells or rows (must be ``{%tr for %}``) or over several
  paragraphs (should be ``{%p for %}``);
* tags the school cannot see in Word (hidden text, deleted tracked changes,
  field codes), which would still be rendered.

The template is prepared exactly as rendering prepares it (docxtpl's
``patch_xml`` on the body, headers and footers), so a template typed in real
Word, with tags split across runs and quotes turned curly, is judged the way
it will be rendered.

What a kind provides is learnt from a *sample context*: the kind's own
``build_context`` applied to two sample pupils built in code
(:mod:`sendocs.lint.sample_cases`), so lists are non-empty. Pydantic models
are resolved through their declared fields and properties, so a field that
happens to be empty in every example is still known.

The package's modules: ``sample_cases`` (the sample pupils), ``samples``
(the sample contexts), ``shapes`` (what a field path resolves to),
``walker`` (the Jinja syntax-tree walk), ``docx_parts`` (the template
prepared as rendering prepares it), ``structure`` (block tags across
paragraphs or cells, hidden tags), ``checks`` (the public checks),
``fields`` (the field list) and ``problems`` (:class:`LintProblem`).
"""

from sendocs.lint.checks import check_template, test_render, used_fields
from sendocs.lint.fields import list_fields
from sendocs.lint.problems import LintProblem
from sendocs.lint.samples import SAMPLE_DATE, sample_contexts

__all__ = [
    "SAMPLE_DATE",
    "LintProblem",
    "check_template",
    "list_fields",
    "sample_contexts",
    "test_render",
    "used_fields",
]
