"""Changes to BPO operations: set-up (services, queues, agents), work items, and claims."""
