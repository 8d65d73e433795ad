"""A coalition's doors: invitations and visitors' requests to join, as one subject.

The ``Invitation`` model stays in ``accounts.models`` (an account is what an invitation
creates or is taken up by); everything that needs to know about coalitions is here.
"""
