extension SweepDataset {
    /// The shipped pairs: 35 paraphrases and 22 negations, 22 other-entity and 22 other-number near-misses.
    static let builtInText = """
        # kind<TAB>prompt A<TAB>prompt B — paraphrases should hit; negation/entity/number near-misses must not.
        paraphrase	What is the capital of France?	Tell me France's capital city
        paraphrase	How do I reset my password?	I forgot my password, how can I change it?
        paraphrase	How do I cancel my subscription?	I want to stop my subscription, what do I do?
        paraphrase	What are your opening hours?	When are you open?
        paraphrase	How can I track my order?	Where can I see the status of my order?
        paraphrase	Can I get a refund for my purchase?	Is it possible to get my money back for what I bought?
        paraphrase	How do I update my billing address?	How can I change the billing address on my account?
        paraphrase	What is the weather like in London today?	How is the weather in London right now?
        paraphrase	Explain how a token bucket rate limiter works	How does the token bucket rate limiting algorithm work?
        paraphrase	How do I delete my account?	What are the steps to remove my account permanently?
        paraphrase	What is the shipping time to Canada?	How long does delivery to Canada take?
        paraphrase	Translate 'good morning' into Spanish	How do you say 'good morning' in Spanish?
        paraphrase	Summarize this article for me	Give me a short summary of this article
        paraphrase	How do I contact customer support?	What is the best way to reach your support team?
        paraphrase	What payment methods do you accept?	Which ways can I pay?
        paraphrase	How do I install Python on Windows?	What is the way to set up Python on a Windows computer?
        paraphrase	Why is my internet connection slow?	What could be making my internet so slow?
        paraphrase	How many calories are in a banana?	What is the calorie count of a banana?
        paraphrase	Recommend a good book about history	Can you suggest a good history book?
        paraphrase	How do I change my email address?	I need to update the email on my account
        paraphrase	What is machine learning?	Can you explain what machine learning is?
        paraphrase	How do I make a cup of tea?	What is the way to brew a cup of tea?
        paraphrase	Is there a student discount?	Do you offer discounts for students?
        paraphrase	How do I enable dark mode?	How can I switch the app to dark mode?
        paraphrase	Where is my nearest store?	Find the closest store to me
        paraphrase	How do I export my data?	Can I download all of my data?
        paraphrase	What does HTTP status 429 mean?	What is the meaning of the HTTP 429 response code?
        paraphrase	How do I upgrade my plan?	I would like to move to a higher plan
        paraphrase	Write a haiku about autumn	Compose a haiku on the theme of autumn
        paraphrase	How do I sort a list in Python?	What is the way to sort a Python list?
        paraphrase	What time is it in Tokyo?	Tell me the current time in Tokyo
        paraphrase	How do I add a user to my team?	How can I invite someone to join my team?
        paraphrase	Why was my card declined?	What is the reason my card payment was rejected?
        paraphrase	How do I turn off notifications?	How can I stop getting notifications?
        paraphrase	What is the difference between RAM and storage?	How does RAM differ from storage?
        negation	How do I enable two-factor authentication?	How do I disable two-factor authentication?
        negation	Is this product safe for children?	Is this product unsafe for children?
        negation	Should I turn on automatic updates?	Should I turn off automatic updates?
        negation	Can I cancel my order?	Why can't I cancel my order?
        negation	Show me restaurants that are open now	Show me restaurants that are not open now
        negation	Is the API rate limited?	Is the API not rate limited?
        negation	Do you ship to Mexico?	Do you not ship to Mexico?
        negation	How do I subscribe to the newsletter?	How do I unsubscribe from the newsletter?
        negation	Which foods are high in protein?	Which foods are low in protein?
        negation	Is caching a good idea for this endpoint?	Is caching a bad idea for this endpoint?
        negation	List the features included in the free plan	List the features not included in the free plan
        negation	How do I lock my screen?	How do I unlock my screen?
        negation	Why does my app connect to the server?	Why does my app not connect to the server?
        negation	Is it legal to record a phone call?	Is it illegal to record a phone call?
        negation	How can I increase my credit limit?	How can I decrease my credit limit?
        negation	Is the store open on Sunday?	Is the store closed on Sunday?
        negation	How do I allow cookies in my browser?	How do I block cookies in my browser?
        negation	What are the advantages of remote work?	What are the disadvantages of remote work?
        negation	How do I encrypt a file?	How do I decrypt a file?
        negation	Should I accept the new terms?	Should I reject the new terms?
        negation	Is coffee good for your health?	Is coffee bad for your health?
        negation	How do I show hidden files?	How do I hide files?
        entity	What is the capital of France?	What is the capital of Germany?
        entity	How do I reset my Gmail password?	How do I reset my Outlook password?
        entity	What is the population of Brazil?	What is the population of Argentina?
        entity	Who founded Microsoft?	Who founded Apple?
        entity	How do I install Node.js on Ubuntu?	How do I install Node.js on Windows?
        entity	What is the weather in Paris today?	What is the weather in Rome today?
        entity	Translate 'thank you' into French	Translate 'thank you' into German
        entity	How tall is the Eiffel Tower?	How tall is the Statue of Liberty?
        entity	What does a cardiologist do?	What does a dermatologist do?
        entity	Explain the history of the Roman Empire	Explain the history of the Ottoman Empire
        entity	How do I cook salmon in the oven?	How do I cook chicken in the oven?
        entity	What are the symptoms of the flu?	What are the symptoms of diabetes?
        entity	Book a flight to Madrid	Book a flight to Lisbon
        entity	What is the currency of Japan?	What is the currency of Switzerland?
        entity	How do I connect to PostgreSQL from Swift?	How do I connect to MySQL from Swift?
        entity	Who wrote Pride and Prejudice?	Who wrote Moby Dick?
        entity	How far is the Moon from Earth?	How far is Mars from Earth?
        entity	What is the best time to visit Iceland?	What is the best time to visit Thailand?
        entity	How do I return an item to Amazon?	How do I return an item to IKEA?
        entity	Explain how Redis handles persistence	Explain how PostgreSQL handles persistence
        entity	What is the boiling point of water?	What is the boiling point of ethanol?
        entity	Show me my orders from Alice	Show me my orders from Bob
        number	Convert 10 miles to km	Convert 15 miles to km
        number	What is 12 times 7?	What is 12 times 8?
        number	Set a timer for 5 minutes	Set a timer for 50 minutes
        number	Book a table for 2 people at 7 pm	Book a table for 6 people at 7 pm
        number	What was the population of London in 1900?	What was the population of London in 2000?
        number	Is 97 a prime number?	Is 91 a prime number?
        number	Convert 100 dollars to euros	Convert 250 dollars to euros
        number	What is the square root of 144?	What is the square root of 169?
        number	Set the thermostat to 20 degrees	Set the thermostat to 25 degrees
        number	Show me flights on March 3	Show me flights on March 13
        number	What happened in 1969?	What happened in 1989?
        number	How many days are there in 3 weeks?	How many days are there in 5 weeks?
        number	Give me 3 ideas for a birthday party	Give me 10 ideas for a birthday party
        number	What is 15% of 200?	What is 25% of 200?
        number	Limit the API to 100 requests per minute	Limit the API to 1000 requests per minute
        number	Convert 30 degrees Celsius to Fahrenheit	Convert 40 degrees Celsius to Fahrenheit
        number	Order 2 large pizzas	Order 4 large pizzas
        number	What is the speed limit on a 2 lane road?	What is the speed limit on a 4 lane road?
        number	Set the cache TTL to 60 seconds	Set the cache TTL to 3600 seconds
        number	Transfer 50 dollars to my savings account	Transfer 500 dollars to my savings account
        number	Wake me up at 6 am	Wake me up at 9 am
        number	What is the interest on 1000 dollars at 5 percent?	What is the interest on 1000 dollars at 3 percent?
        """
}
