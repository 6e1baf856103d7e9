"""BPO operations: delivery set-up (services, queues, agents), work items, routing and SLA deadlines."""
